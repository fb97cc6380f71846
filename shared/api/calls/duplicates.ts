/**
 * Calls about duplicate records. Import never drops a duplicate: it keeps every record and
 * groups the same work into a cluster, saying why (same DOI, same PMID, or a similar title,
 * first author and year, with a score). The team then merges a cluster (one record survives,
 * with chosen field values; the others point to it through `merged_into` and leave the
 * library), splits records out of it, or dismisses it as not duplicates.
 */
import { z } from 'zod';
import type { Uuid } from '../../domain/types';
import { uuid } from './common';
import type { DuplicateReason, DuplicateStatus, LibraryRecord, RecordSource } from './records';

/** Fields whose value a merge can take from any record of the cluster. */
export const MERGEABLE_FIELDS = [
  'type',
  'title',
  'authors',
  'year',
  'journal',
  'volume',
  'issue',
  'pages',
  'doi',
  'pmid',
  'pmcid',
  'issn',
  'abstract',
  'keywords',
  'url',
  'language',
  'screening',
] as const;
/** A field a merge can take from any record of the cluster. */
export type MergeableField = (typeof MERGEABLE_FIELDS)[number];

/** Request schemas of the duplicate review calls. */
export const duplicatesRequests = {
  'duplicates:list': z
    .object({
      status: z.enum(['open', 'merged', 'dismissed', 'all']).default('open'),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(5000).default(500),
    })
    .strict(),
  'duplicates:merge': z
    .object({
      clusterId: uuid,
      /** The record that survives. */
      keepId: uuid,
      /** Per field, the record whose value wins; unnamed fields keep keepId's value. */
      fields: z.partialRecord(z.enum(MERGEABLE_FIELDS), uuid).optional(),
    })
    .strict(),
  'duplicates:split': z.object({ clusterId: uuid, recordIds: z.array(uuid).min(1) }).strict(),
  'duplicates:dismiss': z.object({ clusterId: uuid }).strict(),
} as const;

/** A record as the duplicate review shows it: the table row plus what tells works apart. */
export interface DuplicateMember extends LibraryRecord {
  volume: string | null;
  issue: string | null;
  pages: string | null;
  abstract: string | null;
  source: RecordSource;
  /** Set once the cluster is merged and this record was folded into the kept one. */
  mergedInto: Uuid | null;
}

/** A group of records judged to be the same work, and why. */
export interface DuplicateCluster {
  id: Uuid;
  reason: DuplicateReason;
  /** 1 for DOI/PMID matches; the title similarity (0..1) for fuzzy ones. */
  score: number | null;
  status: DuplicateStatus;
  createdAt: string;
  records: DuplicateMember[];
  /** The lowest title and author similarity (0..1) of a record to the first (record-similarity.ts). */
  similarity: { title: number; authors: number | null };
  /**
   * Same DOI, different titles: grouped by a DOI, but the titles clearly name different works
   * (a supplement DOI shared by many abstracts). The review does not offer merging by default.
   */
  differentTitles: boolean;
}

/** What each duplicate review call returns. */
export interface DuplicatesResponses {
  'duplicates:list': { total: number; clusters: DuplicateCluster[] };
  /** The merged cluster and the id of the surviving record. */
  'duplicates:merge': { cluster: DuplicateCluster; keptId: Uuid };
  /** The cluster after the split; null when fewer than two records were left (it is dissolved). */
  'duplicates:split': { cluster: DuplicateCluster | null };
  'duplicates:dismiss': { cluster: DuplicateCluster };
}
