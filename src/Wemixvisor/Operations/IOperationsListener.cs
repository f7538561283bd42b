using Wemixvisor.Core.Operations;

namespace Wemixvisor.Operations;

/// <summary>Told, on the supervision loop, of each new view and the facts that came with it. Must return at once.</summary>
internal interface IOperationsListener
{
    void OnNext(OperationsView view, IReadOnlyList<OperationsFact> facts);
}
