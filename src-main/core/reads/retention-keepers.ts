import type { Db } from '../store/database';

/** Why reads outlive the retention period: one hold of one case, as the purge certificate names it. */
export interface KeptGroup {
  caseNumber: string;
  holdId: number;
  /** the hold in words: its reason and what it keeps ("Evidence: reads matching AB*12 from 1–3 May") */
  holdLabel: string;
  /** reads of this purge's candidates the hold keeps (a read under two holds counts in each) */
  reads: number;
}

/**
 * The purge's question to whatever keeps reads (the holds of cases). `keep` is asked inside
 * each transaction that plans a purge: the candidates — reads captured before the cut-off —
 * are in the temporary table `purge_candidates (read_id INTEGER PRIMARY KEY)`. It deletes from
 * it every read it keeps at `asOf`, and says which groups kept how many. A purge plans and
 * destroys over many transactions, and a hold may be placed meanwhile (from this window or
 * another program): `mark` is a number that moves whenever what the keeper keeps may have
 * grown; a running purge reads it before each batch and, when it has moved, asks `keep` again
 * of every read still to be destroyed. Features meet only in the handler table, so retention
 * knows keepers by this type, not by the feature that has them.
 */
export interface RetentionKeeper {
  keep(db: Db, at: { asOf: Date; periodSeconds: number }): KeptGroup[];
  mark(db: Db): number;
}

/**
 * What another feature keeps about reads the purge is destroying (hot-list alerts and their
 * verifications), asked inside each of the purge's transactions: the reads are in the
 * temporary table `purge_batch (read_id INTEGER PRIMARY KEY)`. The remover deletes its rows
 * about them and says how many alerts went, for the certificate.
 */
export type ReadLinksRemover = (db: Db) => { alerts: number };
