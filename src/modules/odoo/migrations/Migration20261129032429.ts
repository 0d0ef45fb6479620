import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129032429 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "odoo_sync_run" add column if not exists "kind" text not null default 'product';`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_odoo_sync_run_kind_started_at" ON "odoo_sync_run" ("kind", "started_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_odoo_sync_run_kind_started_at";`);
    this.addSql(`alter table if exists "odoo_sync_run" drop column if exists "kind";`);
  }

}
