using Wemixvisor.Core.Configuration;

namespace Wemixvisor.Tests.Configuration;

/// <summary>Builds loader input from plain dictionaries; config files live in memory.</summary>
internal sealed class LoaderInput
{
    public const string WorkingDirectory = "/srv/cwd";

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Flags { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);
    public List<string> FilesRead { get; } = [];

    public static LoaderInput Minimal() => new LoaderInput().Env("DAEMON_HOME", "/srv/node").Env("DAEMON_NAME", "gstable");

    public LoaderInput Env(string name, string value)
    {
        Environment[name] = value;
        return this;
    }

    public LoaderInput Flag(string name, string value)
    {
        Flags[name] = value;
        return this;
    }

    public LoaderInput File(string path, string text)
    {
        Files[path] = text;
        return this;
    }

    public ConfigurationResult Load() => ConfigurationLoader.Load(new ConfigurationInput
    {
        Environment = Environment,
        Flags = Flags,
        WorkingDirectory = WorkingDirectory,
        ReadFile = path =>
        {
            FilesRead.Add(path);
            return Files.TryGetValue(path, out var text) ? text : throw new FileNotFoundException("no such file", path);
        },
    });

    public LoadedConfiguration LoadValid()
    {
        var result = Load();
        Assert.True(result.IsValid, "expected a valid configuration, got: " + string.Join(" | ", result.Problems));
        return result.Loaded!;
    }

    public ConfigurationProblem LoadSingleProblem()
    {
        var result = Load();
        Assert.False(result.IsValid, "expected the configuration to be rejected");
        return Assert.Single(result.Problems);
    }
}
