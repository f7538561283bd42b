using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Wemixvisor.IntegrationTests.Harness;

namespace Wemixvisor.IntegrationTests.Operations;

/// <summary>
/// Parses the Prometheus text format with the npm package <see cref="Package"/> run by node, so the exposition is
/// checked by a parser made for it. <c>WEMIXVISOR_TEST_NODE_MODULES</c> names the node_modules directory holding it
/// (as <c>.ci/run</c> does); otherwise it is taken from, or installed with npm into, the repository's <c>.tools/</c>.
/// </summary>
internal static class PrometheusText
{
    public const string Variable = "WEMIXVISOR_TEST_NODE_MODULES";
    public const string Package = "parse-prometheus-text-format@1.1.1";
    private const string Script = """
        const parse = require(process.argv[1]);
        let text = '';
        process.stdin.setEncoding('utf8');
        process.stdin.on('data', chunk => text += chunk);
        process.stdin.on('end', () => process.stdout.write(JSON.stringify(parse(text))));
        """;
    private static readonly Lazy<Task<string>> Parser = new(FindOrInstallAsync);

    /// <summary>The metric families, each a JSON object: <c>name</c>, <c>type</c>, <c>help</c>, <c>metrics</c> (each with <c>labels</c> and <c>value</c> or buckets).</summary>
    public static async Task<IReadOnlyList<JsonElement>> ParseAsync(string text)
    {
        var package = await Parser.Value;
        var (code, output, errors) = await Execute("node", ["-e", Script, package], text, TimeSpan.FromSeconds(30));
        Assert.True(code == 0, $"{Package} could not parse the exposition (exit code {code}): {errors}\n{text}");
        using var json = JsonDocument.Parse(output);
        return [.. json.RootElement.EnumerateArray().Select(family => family.Clone())];
    }

    /// <summary>The value of <paramref name="name"/> whose labels include <paramref name="labels"/>; null when there is no such series.</summary>
    public static double? Value(IReadOnlyList<JsonElement> families, string name, params (string Name, string Value)[] labels)
    {
        var family = families.FirstOrDefault(f => f.GetProperty("name").GetString() == name);
        if (family.ValueKind == JsonValueKind.Undefined)
        {
            return null;
        }
        foreach (var metric in family.GetProperty("metrics").EnumerateArray())
        {
            var have = metric.TryGetProperty("labels", out var l) ? l : default;
            if (labels.All(label => have.ValueKind == JsonValueKind.Object && have.TryGetProperty(label.Name, out var v) && v.GetString() == label.Value))
            {
                var value = metric.TryGetProperty("value", out var plain) ? plain : metric.GetProperty("count");
                return double.Parse(value.GetString()!, CultureInfo.InvariantCulture);
            }
        }
        return null;
    }

    private static async Task<string> FindOrInstallAsync()
    {
        var modules = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given
            ? given
            : Path.Combine(RepositoryRoot.Find(), ".tools", "node_modules");
        var package = Path.Combine(modules, "parse-prometheus-text-format");
        if (!Directory.Exists(package))
        {
            var prefix = Path.GetDirectoryName(modules)!;
            var (code, output, errors) = await Execute("npm", ["install", "--prefix", prefix, "--no-audit", "--no-fund", "--silent", Package], "", TimeSpan.FromMinutes(5));
            Assert.True(code == 0, $"`npm install --prefix {prefix} {Package}` failed ({code}): {output}{errors}; install Node.js and npm or run .ci/run");
        }
        return package;
    }

    private static async Task<(int Code, string Output, string Errors)> Execute(string program, IEnumerable<string> arguments, string input, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
