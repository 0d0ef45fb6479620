import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261124183159 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "odoo_sync_cursor" drop constraint if exists "odoo_sync_cursor_name_unique";`);
    this.addSql(`create table if not exists "odoo_sync_cursor" ("id" text not null, "name" text not null, "marks" jsonb not null, "run_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "odoo_sync_cursor_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_odoo_sync_cursor_name_unique" ON "odoo_sync_cursor" ("name") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_odoo_sync_cursor_deleted_at" ON "odoo_sync_cursor" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "odoo_sync_run" ("id" text not null, "trigger" text check ("trigger" in ('scheduled', 'admin', 'cli', 'demo')) not null, "status" text check ("status" in ('running', 'succeeded', 'failed', 'interrupted')) not null default 'running', "full" boolean not null default false, "dry_run" boolean not null default false, "started_at" timestamptz not null, "finished_at" timestamptz null, "counts" jsonb null, "progress" jsonb null, "skipped" jsonb null, "plan" jsonb null, "odoo_stats" jsonb null, "error" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "odoo_sync_run_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_odoo_sync_run_deleted_at" ON "odoo_sync_run" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_odoo_sync_run_status" ON "odoo_sync_run" ("status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_odoo_sync_run_started_at" ON "odoo_sync_run" ("started_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "odoo_sync_cursor" cascade;`);

    this.addSql(`drop table if exists "odoo_sync_run" cascade;`);
  }

}
