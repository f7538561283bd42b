using System.Diagnostics;

namespace Wemixvisor.IntegrationTests.Harness;

/// <summary>
/// The <c>wemixvisor</c> executable under test: published once per test run with
/// <c>dotnet publish -c Release</c> into a temp dir (removed at exit), or taken from
/// <c>WEMIXVISOR_EXECUTABLE</c> when that names an already published one.
/// </summary>
public static class PublishedWemixvisor
{
    public const string ExecutableVariable = "WEMIXVISOR_EXECUTABLE";
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(8);
    private static readonly Lazy<Task<string>> Executable = new(PublishAsync);

    /// <summary>The path of the published executable.</summary>
    public static Task<string> PathAsync() => Executable.Value;

    private static async Task<string> PublishAsync()
    {
        if (Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } given)
        {
            return File.Exists(given) ? given : throw new FileNotFoundException($"{ExecutableVariable} names {given}, which does not exist");
        }
        var output = Path.Combine(Path.GetTempPath(), "wemixvisor-it-publish-" + Guid.NewGuid().ToString("N")[..12]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteQuietly(output);
        var project = Path.Combine(RepositoryRoot.Find(), "src", "Wemixvisor", "Wemixvisor.csproj");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "publish", project, "-c", "Release", "-o", output, "--nologo", "-v", "quiet" })
        {
            info.ArgumentList.Add(argument);
        }
        // The test run's MSBuild settings must not leak into the nested build.
        info.Environment.Remove("MSBuildExtensionsPath");
        info.Environment.Remove("MSBuildSDKsPath");
        info.Environment.Remove("MSBUILD_EXE_PATH");
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start dotnet publish");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(PublishTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet publish took longer than {PublishTimeout}");
        }
        var executable = Path.Combine(output, "wemixvisor");
        if (process.ExitCode != 0 || !File.Exists(executable))
        {
            throw new InvalidOperationException($"dotnet publish failed with exit code {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
        return executable;
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left in the temp dir.
        }
    }
}

/// <summary>The repository checkout the tests run from: the first parent directory holding Wemixvisor.sln.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Wemixvisor.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException($"no Wemixvisor.sln above {AppContext.BaseDirectory}");
    }
}
