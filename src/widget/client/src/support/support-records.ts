import type { SupportConversation, SupportStatus } from "../protocol.js";

/** The support desk's records beyond the queue, as the REST API returns them. */

export interface SupportStatusChange {
  status: SupportStatus;
  agentId?: string | null;
  at: string;
}

export interface PageVisit {
  page: string;
  at: string;
}

export interface SupportRating {
  score: number;
  comment?: string | null;
  at: string;
}

/** A conversation as the archive lists it, with every status it went through. */
export interface SupportRecord {
  conversation: SupportConversation;
  history: SupportStatusChange[];
  rating?: SupportRating | null;
}

export interface SupportRecordPage {
  conversations: SupportRecord[];
  next?: string | null;
}

/** The visitor beside the chat; `email` only when they left one. */
export interface SupportProfile {
  visitorId: string;
  visitorName: string;
  email?: string | null;
  pages: PageVisit[];
  pastConversations: SupportRecord[];
}

/** Seconds; absent when nothing was measured. */
export interface SupportDurations {
  medianSeconds?: number | null;
  p90Seconds?: number | null;
}

export interface SupportReportRow {
  agentId?: string | null;
  conversations: number;
  firstResponse: SupportDurations;
  resolution: SupportDurations;
  ratingAverage?: number | null;
  ratings: number;
}

export interface SupportReport {
  from: string;
  to: string;
  site: SupportReportRow;
  agents: SupportReportRow[];
}
