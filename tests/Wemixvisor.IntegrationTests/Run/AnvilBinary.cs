using System.Diagnostics;
using Wemixvisor.IntegrationTests.Harness;

namespace Wemixvisor.IntegrationTests.Run;

/// <summary>
/// The real EVM node of the end-to-end test: <c>anvil</c> from the npm package <see cref="Package"/>.
/// <c>WEMIXVISOR_TEST_ANVIL</c> names it when set (as <c>.ci/run</c> does); otherwise it is taken from, or
/// installed with npm into, the repository's <c>.tools/</c> cache. Without it the test fails and says how to get it.
/// </summary>
internal static class AnvilBinary
{
    public const string Variable = "WEMIXVISOR_TEST_ANVIL";
    public const string Version = "1.7.1";
    public const string Package = "@foundry-rs/anvil-linux-amd64@" + Version;
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly Lazy<Task<string>> Binary = new(FindOrInstallAsync);

    public static Task<string> PathAsync() => Binary.Value;

    private static async Task<string> FindOrInstallAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            return await Checked(given, $"{Variable}={given}");
        }
        var tools = Path.Combine(RepositoryRoot.Find(), ".tools");
        var cached = Path.Combine(tools, "node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");
        if (!File.Exists(cached))
        {
            await Install(tools);
        }
        return await Checked(cached, $"the npm package {Package} installed in {tools}");
    }

    private static async Task Install(string tools)
    {
        var npm = FindOnPath("npm") ?? throw new InvalidOperationException(
            $"the end-to-end test needs anvil ({Package}) and cannot install it: npm is not on PATH. " +
            $"Install Node.js and npm, run .ci/run, or set {Variable} to an anvil {Version} binary.");
        Directory.CreateDirectory(tools);
        var (code, output) = await Execute(npm, ["install", "--prefix", tools, "--no-audit", "--no-fund", "--silent", Package], InstallTimeout);
        if (code != 0)
        {
            throw new InvalidOperationException($"`npm install --prefix {tools} {Package}` failed with exit code {code}:\n{output}");
        }
    }

    /// <summary>The binary at <paramref name="path"/> if it runs and reports the expected version; fails naming <paramref name="origin"/> otherwise.</summary>
    private static async Task<string> Checked(string path, string origin)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"anvil not found: {origin} names {path}, which does not exist");
        }
        var (code, output) = await Execute(path, ["--version"], TimeSpan.FromSeconds(30));
        if (code != 0 || !output.Contains($"anvil Version: {Version}", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{path} ({origin}) is not a working anvil {Version}: `anvil --version` exited with {code}:\n{output}");
        }
        return path;
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);

    private static async Task<(int Code, string Output)> Execute(string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', info.ArgumentList)} took longer than {timeout}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
