using Wemixvisor.Core.Supervision;

namespace Wemixvisor.Core.Ports;

/// <summary>
/// Keeps the probation of a freshly switched binary on disk, so that a wemixvisor killed during it resumes it at its
/// next start instead of taking the new binary as proven. Both methods throw <see cref="IOException"/> or
/// <see cref="UnauthorizedAccessException"/> when the file cannot be written.
/// </summary>
public interface IProbationJournal
{
    void Keep(ProbationRecord probation);

    void Clear();
}
