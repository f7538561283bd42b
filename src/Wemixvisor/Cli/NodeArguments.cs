namespace Wemixvisor.Cli;

/// <summary>The arguments <c>wemixvisor run</c> passes to the node, exactly as given.</summary>
public sealed record NodeArguments(IReadOnlyList<string> Values)
{
    public static NodeArguments None { get; } = new([]);
}
