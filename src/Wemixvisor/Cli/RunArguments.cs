namespace Wemixvisor.Cli;

/// <summary>
/// Separates <c>wemixvisor run [OPTIONS] -- [NODE ARGS]</c> before the command-line parser sees it:
/// options before <c>--</c> are wemixvisor's; without <c>--</c> every argument after <c>run</c> is the
/// node's (so a Cosmovisor unit's <c>run start --home …</c> works unchanged); exactly <c>run --help</c>
/// asks for wemixvisor's help.
/// </summary>
public static class RunArguments
{
    public const string CommandName = "run";
    public const string Separator = "--";

    public static (string[] CommandLine, NodeArguments Node) Split(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0 || args[0] != CommandName || args is [_, "--help"])
        {
            return (args.ToArray(), NodeArguments.None);
        }
        var separator = args.Skip(1).ToList().IndexOf(Separator);
        if (separator < 0)
        {
            return ([CommandName], new NodeArguments(args.Skip(1).ToArray()));
        }
        var own = args.Take(separator + 1).ToArray();
        var node = args.Skip(separator + 2).ToArray();
        return (own, new NodeArguments(node));
    }
}
