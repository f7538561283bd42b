namespace Wemixvisor.Core.Configuration;

/// <summary>
/// A setting's value when no flag, variable or file key gives one: required (a problem), none (unset),
/// a fixed text read by the setting's own parser, or derived from settings resolved before it.
/// </summary>
public sealed class SettingDefault<T>
{
    private readonly Func<SettingValues, Parsed<T>>? _derive;

    private SettingDefault(SettingDefaultKind kind, string text, Func<SettingValues, Parsed<T>>? derive = null)
    {
        Kind = kind;
        Text = text;
        _derive = derive;
    }

    public SettingDefaultKind Kind { get; }

    /// <summary>The default as the help and the documentation show it: <c>300ms</c>, <c>$DAEMON_HOME/data</c>, <c>required</c>, <c>none</c>.</summary>
    public string Text { get; }

    /// <summary>A fixed default, written as a user would write the value.</summary>
    public static implicit operator SettingDefault<T>(string text) => new(SettingDefaultKind.Fixed, text);

    public static implicit operator SettingDefault<T>(SettingDefault.Absent absent)
    {
        ArgumentNullException.ThrowIfNull(absent);
        return new(absent.Kind, absent.Text);
    }

    internal static SettingDefault<T> Derived(string text, Func<SettingValues, Parsed<T>> derive) => new(SettingDefaultKind.Derived, text, derive);

    /// <summary>The derived value, or unknown while a setting it depends on has no valid value.</summary>
    internal Parsed<T> Derive(SettingValues values) =>
        _derive is { } derive ? derive(values) : throw new InvalidOperationException($"a {Kind} default is not derived");
}

public enum SettingDefaultKind
{
    /// <summary>No default: a value must be given, or the configuration is invalid.</summary>
    Required,

    /// <summary>Unset (null) when no value is given.</summary>
    None,

    Fixed,

    /// <summary>Computed from settings resolved before it, such as <c>$DAEMON_HOME/data</c>.</summary>
    Derived,
}

public static class SettingDefault
{
    /// <summary>The setting must be given.</summary>
    public static Absent Required { get; } = new(SettingDefaultKind.Required, "required");

    /// <summary>The setting is unset (null) unless given.</summary>
    public static Absent None { get; } = new(SettingDefaultKind.None, "none");

    /// <summary>A default computed from <paramref name="source"/>'s value; <paramref name="text"/> says how, for the help and the documentation.</summary>
    public static SettingDefault<T> From<TSource, T>(Setting<TSource> source, Func<TSource, T> derive, string text)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(derive);
        return SettingDefault<T>.Derived(text, values => values.TryGet(source, out var value) ? Parsed<T>.Valid(derive(value)) : Parsed<T>.Unknown);
    }

    /// <summary>A default without a value of its own; converts to the <see cref="SettingDefault{T}"/> of any setting.</summary>
    public sealed class Absent
    {
        internal Absent(SettingDefaultKind kind, string text)
        {
            Kind = kind;
            Text = text;
        }

        internal SettingDefaultKind Kind { get; }
        internal string Text { get; }
    }
}
