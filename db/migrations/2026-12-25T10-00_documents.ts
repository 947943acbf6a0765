import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The papers INS issues (issue 17, docs/documents.md): frozen once issued — the bytes, their
  // SHA-256 (also in the case's audit chain), the number from the unit's register. A correction is
  // a new document that refers to the one it corrects; nothing here is ever updated but `status`.
  await db.schema
    .createTable('document')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The issuing activity's idempotency key (case, request, type): a retry finds its document.
    .addColumn('issue_key', 'text', (c) => c.notNull().unique())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('step_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('doc_date', 'date', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('template_version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('ISSUED'))
    .addColumn('corrects_id', 'text', (c) => c.references('document.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('signed', 'boolean', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('document_status_check', sql`status in ('ISSUED', 'CORRECTED', 'REPLACED')`)
    .execute();
  // No two documents of a unit's register share a number.
  await db.schema.createIndex('document_number_uq').on('document').columns(['unit_id', 'type', 'year', 'seq']).unique().execute();
  await db.schema.createIndex('document_case_idx').on('document').columns(['case_id', 'issued_at']).execute();
  // Frozen in the database too: an issued paper is never deleted, and nothing of it changes but its
  // status, once, from ISSUED (a correcting or replacing paper refers to it).
  await sql`
    create function document_frozen() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'document % is issued: it is never deleted', old.id using errcode = 'P0001';
      end if;
      if (new.id, new.issue_key, new.case_id, new.unit_id, new.type, new.step_id, new.year, new.seq, new.number, new.doc_date, new.title,
          new.template_version, new.corrects_id, new.sha256, new.signed, new.mime, new.size, new.content, new.issued_by, new.issued_at)
         is distinct from
         (old.id, old.issue_key, old.case_id, old.unit_id, old.type, old.step_id, old.year, old.seq, old.number, old.doc_date, old.title,
          old.template_version, old.corrects_id, old.sha256, old.signed, old.mime, old.size, old.content, old.issued_by, old.issued_at)
         or (new.status is distinct from old.status and old.status <> 'ISSUED') then
        raise exception 'document % is issued: only its status changes, once (a correcting paper refers to it)', old.id using errcode = 'P0001';
      end if;
      return new;
    end $$
  `.execute(db);
  await sql`create trigger document_frozen before update or delete on document for each row execute function document_frozen()`.execute(db);
  // The registers (sổ đăng ký văn bản): the last number given per unit, document type and year,
  // taken in the issuing transaction, so a rolled-back issue gives its number back (no gaps).
  await db.schema
    .createTable('document_register')
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_register_pk', ['unit_id', 'type', 'year'])
    .execute();
  // A unit's names on its papers, effective-dated (a unit's own configuration): the parent agency
  // and the agency as of a date. Without a row the national rule applies (domain/documents/agency.ts).
  await db.schema
    .createTable('unit_agency')
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('parent_agency', 'text', (c) => c.notNull())
    .addColumn('agency', 'text', (c) => c.notNull())
    .addColumn('head_title', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_agency_pk', ['unit_id', 'valid_from'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('unit_agency').execute();
  await db.schema.dropTable('document_register').execute();
  await db.schema.dropTable('document').execute();
  await sql`drop function document_frozen()`.execute(db);
}
