using System.Diagnostics;
using CsCheck;

namespace Wemixvisor.Tests.Properties;

/// <summary>
/// Runs a property over generated cases, deterministically: case <c>i</c> comes from the fixed seed
/// <see cref="Seed"/> + i (override with <c>WEMIXVISOR_PROPERTY_SEED</c>), until the given number of cases or the
/// time budget are used up, whichever comes first. A failure names the seed, the case's CsCheck seed (replayable with
/// <c>Sample(seed: …)</c>) and the input.
/// </summary>
internal static class Property
{
    public const ulong Seed = 20_261_203;
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    public static void Check<T>(Gen<T> gen, Action<T> property, int cases = 2_000, Func<T, string>? print = null)
    {
        var seed = Environment.GetEnvironmentVariable("WEMIXVISOR_PROPERTY_SEED") is { Length: > 0 } given ? ulong.Parse(given, System.Globalization.CultureInfo.InvariantCulture) : Seed;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < cases && clock.Elapsed < Budget; i++)
        {
            var pcg = new PCG(1, seed + (ulong)i);
            var replay = pcg.ToString();
            var input = gen.Generate(pcg, null, out _);
            try
            {
                property(input);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException(
                    $"property failed for case {i} of seed {seed} (WEMIXVISOR_PROPERTY_SEED={seed}; CsCheck seed {replay}):\ninput: {(print ?? Describe)(input)}\n{e}");
            }
        }
    }

    private static string Describe<T>(T input) => input switch
    {
        byte[] bytes => Convert.ToHexString(bytes),
        string text => System.Text.Json.JsonSerializer.Serialize(text),
        _ => CsCheck.Check.Print(input),
    };
}
