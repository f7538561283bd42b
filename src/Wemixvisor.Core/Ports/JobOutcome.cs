namespace Wemixvisor.Core.Ports;

/// <summary>How an upgrade job (or a restore, or a pruning) ended.</summary>
public abstract record JobOutcome
{
    private JobOutcome() { }

    public sealed record Succeeded(string Detail) : JobOutcome
    {
        /// <summary>The bytes the job wrote, when it copies data (a backup).</summary>
        public long? Bytes { get; init; }
    }

    /// <summary>The job does not apply (not configured, no script, backups disabled).</summary>
    public sealed record Skipped(string Reason) : JobOutcome;

    public sealed record Failed(string Reason) : JobOutcome;

    /// <summary>
    /// The job could not be done now and changed nothing (the backup ran out of space): the old version goes on
    /// running and the upgrade waits, as after a failed preflight, instead of going on without it.
    /// </summary>
    public sealed record Postponed(string Reason) : JobOutcome;

    /// <summary>The binary's <c>pre-upgrade</c> asked to be run again (exit code 31).</summary>
    public sealed record RetryRequested(string Reason) : JobOutcome;
}
