// Tables of background jobs (migration 0010_jobs); part of the Database interface in schema.ts.

/** A background job: long work started by a person, run by any worker under a lease. */
export interface JobTable {
  id: string;
  organisation_id: string;
  kind: string;
  /** queued | running | succeeded | failed | cancelled */
  status: string;
  /** The handler's input (JSON). */
  input: string;
  /** Unique per organisation while the job is queued or running. */
  dedupe_key: string | null;
  total: number;
  done: number;
  /** The handler's result (JSON) once it succeeded. */
  result: string | null;
  error: string | null;
  attempts: number;
  run_after: string;
  lease_owner: string | null;
  lease_expires_at: string | null;
  created_by: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
}

/** A step of a job that is done: its key is unique within the job, so it is never done twice. */
export interface JobStepTable {
  job_id: string;
  key: string;
  result: string | null;
  created_at: string;
}

export interface JobTables {
  job: JobTable;
  job_step: JobStepTable;
}
