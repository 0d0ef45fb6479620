import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129032819 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "odoo_order_push" drop constraint if exists "odoo_order_push_order_id_unique";`);
    this.addSql(`create table if not exists "odoo_order_push" ("id" text not null, "order_id" text not null, "status" text check ("status" in ('pending', 'pushing', 'pushed', 'failed', 'abandoned')) not null default 'pending', "attempts" integer not null default 0, "next_attempt_at" timestamptz null, "last_attempt_at" timestamptz null, "pushed_at" timestamptz null, "last_error" jsonb null, "odoo_sale_order_id" integer null, "odoo_sale_order_name" text null, "odoo_partner_id" integer null, "odoo_state" text null, "cancel_status" text check ("cancel_status" in ('none', 'requested', 'cancelled', 'delivered', 'failed')) not null default 'none', "cancel_error" jsonb null, "fulfilled_picking_ids" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "odoo_order_push_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_odoo_order_push_order_id_unique" ON "odoo_order_push" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_odoo_order_push_deleted_at" ON "odoo_order_push" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_odoo_order_push_status_next_attempt_at" ON "odoo_order_push" ("status", "next_attempt_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_odoo_order_push_odoo_sale_order_id" ON "odoo_order_push" ("odoo_sale_order_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "odoo_order_push" cascade;`);
  }

}
