import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129033138 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "odoo_sync_run" add column if not exists "lease_expires_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "odoo_sync_run" drop column if exists "lease_expires_at";`);
  }

}
