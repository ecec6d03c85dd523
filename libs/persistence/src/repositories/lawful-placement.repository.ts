import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export type OverrideSubject = 'placement' | 'court-measure';
export type NoteSubject = 'placement' | 'pause' | 'missing-episode';

export interface LegalOverrideRow {
  subject: OverrideSubject;
  subjectId: string;
  rules: string[];
  reason: string;
  recordedAt: Date;
}

export interface PlacementNoteRow {
  subject: NoteSubject;
  subjectId: string;
  note: string;
}

/**
 * What the api keeps of issue 13 beside the facts (migration LawfulPlacements1764300000000): legal overrides and the
 * free texts of changes of placement, pauses and missing episodes. Each is written before the workflow is asked and
 * withdrawn when it refuses, like a reopening's reason.
 */
@Injectable()
export class LawfulPlacementRepository {
  constructor(private readonly dataSource: DataSource) {}

  async recordOverride(override: {
    trajectoryId: string;
    subject: OverrideSubject;
    subjectId: string;
    rules: readonly string[];
    reason: string;
    recordedBy: string | null;
  }): Promise<string> {
    const { trajectoryId, subject, subjectId, rules, reason, recordedBy } = override;
    const [row] = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO legal_overrides (trajectory_id, subject, subject_id, rules, reason, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [trajectoryId, subject, subjectId, [...rules], reason, recordedBy],
    );
    return row.id;
  }

  async recordNote(note: {
    trajectoryId: string;
    subject: NoteSubject;
    subjectId: string;
    note: string;
    recordedBy: string | null;
  }): Promise<string> {
    const [row] = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO placement_notes (trajectory_id, subject, subject_id, note, recorded_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [note.trajectoryId, note.subject, note.subjectId, note.note, note.recordedBy],
    );
    return row.id;
  }

  /** Takes back what a refused change recorded. */
  async withdraw(table: 'legal_overrides' | 'placement_notes', ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(`DELETE FROM ${table} WHERE id = ANY($1::uuid[])`, [[...ids]]);
  }

  async overridesOf(trajectoryId: string): Promise<LegalOverrideRow[]> {
    const rows = await this.dataSource.query<
      { subject: OverrideSubject; subject_id: string; rules: string[]; reason: string; recorded_at: Date }[]
    >(
      `SELECT subject, subject_id, rules, reason, recorded_at FROM legal_overrides
        WHERE trajectory_id = $1 ORDER BY recorded_at, id`,
      [trajectoryId],
    );
    return rows.map((r) => ({
      subject: r.subject,
      subjectId: r.subject_id,
      rules: r.rules,
      reason: r.reason,
      recordedAt: r.recorded_at,
    }));
  }

  async notesOf(trajectoryId: string): Promise<PlacementNoteRow[]> {
    const rows = await this.dataSource.query<{ subject: NoteSubject; subject_id: string; note: string }[]>(
      `SELECT subject, subject_id, note FROM placement_notes WHERE trajectory_id = $1 ORDER BY recorded_at, id`,
      [trajectoryId],
    );
    return rows.map((r) => ({ subject: r.subject, subjectId: r.subject_id, note: r.note }));
  }
}
