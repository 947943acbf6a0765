import { type Kysely } from 'kysely';

/**
 * Evidence rows per unit: the bytes are stored once by content, but each unit that uploads them gets
 * its own row (and so its own access). Before, the first uploader's unit owned the row, and a second
 * unit uploading the same file got 201 and then 404 on download.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('evidence').dropConstraint('evidence_pkey').execute();
  await db.schema.alterTable('evidence').addPrimaryKeyConstraint('evidence_pkey', ['sha256', 'unit_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('evidence').dropConstraint('evidence_pkey').execute();
  await db.schema.alterTable('evidence').addPrimaryKeyConstraint('evidence_pkey', ['sha256']).execute();
}
