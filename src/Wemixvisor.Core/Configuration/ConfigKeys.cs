namespace Wemixvisor.Core.Configuration;

/// <summary>Which keys a config file may hold: every setting's variable in lower case, the aliases and the ignored Cosmovisor variables.</summary>
public static class ConfigKeys
{
    public static IReadOnlyList<string> Known { get; } =
        Settings.All.Where(s => s.AllowedInFile).Select(s => s.FileKey)
            .Concat(Settings.All.Select(s => s.AliasFileKey).OfType<string>())
            .Concat(CosmovisorVariables.All.Select(v => v.FileKey))
            .ToArray();

    /// <summary>Null when <paramref name="key"/> may appear in a config file, else the reason it may not.</summary>
    public static string? Reject(string key)
    {
        if (Known.Contains(key, StringComparer.Ordinal))
        {
            return null;
        }
        if (key == Settings.Config.FileKey)
        {
            return $"\"{key}\" cannot be set in the config file itself; use {Settings.Config.Variable} or {Settings.Config.FlagText}";
        }
        var suggestion = Known.MinBy(known => Distance(known, key.ToLowerInvariant()));
        var hint = suggestion is not null && Distance(suggestion, key.ToLowerInvariant()) <= 3 ? $"; did you mean \"{suggestion}\"?" : "; keys are the variable names in lower case, such as daemon_home";
        return $"unknown key \"{key}\"{hint}";
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            previous = current;
        }
        return previous[b.Length];
    }
}
