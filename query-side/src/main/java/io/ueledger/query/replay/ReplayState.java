package io.ueledger.query.replay;

/** Where a rebuild stands. FAILED while the processor is in error (it retries) or when the reset itself failed. */
public enum ReplayState { RUNNING, DONE, FAILED }
