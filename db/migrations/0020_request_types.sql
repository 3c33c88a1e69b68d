CREATE TYPE "public"."location_rule" AS ENUM('required', 'optional', 'none');--> statement-breakpoint
CREATE TYPE "public"."request_kind" AS ENUM('complaint', 'request');--> statement-breakpoint
CREATE TABLE "category_forms" (
	"category_id" smallint NOT NULL,
	"version" smallint NOT NULL,
	"fields" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_user_id" uuid,
	CONSTRAINT "category_forms_category_id_version_pk" PRIMARY KEY("category_id","version")
);
--> statement-breakpoint
ALTER TABLE "reports" ALTER COLUMN "lat" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "reports" ALTER COLUMN "lng" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "field_code" text;--> statement-breakpoint
ALTER TABLE "categories" ADD COLUMN "kind" "request_kind" DEFAULT 'complaint' NOT NULL;--> statement-breakpoint
ALTER TABLE "categories" ADD COLUMN "location" "location_rule" DEFAULT 'required' NOT NULL;--> statement-breakpoint
ALTER TABLE "categories" ADD COLUMN "acknowledgement" jsonb;--> statement-breakpoint
ALTER TABLE "categories" ADD COLUMN "form_version" smallint;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "form_category_id" smallint;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "form_version" smallint;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "fields" jsonb;--> statement-breakpoint
ALTER TABLE "category_forms" ADD CONSTRAINT "category_forms_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "category_forms" ADD CONSTRAINT "category_forms_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_form_category_id_form_version_category_forms_category_id_version_fk" FOREIGN KEY ("form_category_id","form_version") REFERENCES "public"."category_forms"("category_id","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_location_whole" CHECK (("reports"."lat" is null) = ("reports"."lng" is null));--> statement-breakpoint
-- A version of a request type's form is never changed nor deleted: the requests filed with it are read with it.
CREATE OR REPLACE FUNCTION category_forms_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'category_forms is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER category_forms_no_update BEFORE UPDATE OR DELETE ON category_forms FOR EACH ROW EXECUTE FUNCTION category_forms_append_only();
