namespace Wemixvisor.Core.Configuration;

/// <summary>
/// One setting, defined once in <see cref="Settings"/>: its environment variable (the Cosmovisor-compatible
/// name), an older alias, its kebab-case flag, its config-file key (the variable in lower case), its default
/// and its description. The loader, the flags' help, <c>wemixvisor config</c> and the documentation check
/// are all derived from it; <see cref="Setting{T}"/> adds how its text is read.
/// </summary>
public abstract class Setting
{
    private protected Setting(string variable, string flag, string description)
    {
        Variable = variable;
        Flag = flag;
        Description = description;
    }

    public string Variable { get; }

    /// <summary>The flag without its dashes: <c>poll-interval</c>.</summary>
    public string Flag { get; }

    /// <summary>What the setting is for, one line without the variable or the default (the help adds them).</summary>
    public string Description { get; }

    /// <summary>An alternative variable name accepted with lower precedence (Cosmovisor's own name).</summary>
    public string? Alias { get; init; }

    /// <summary>False for a setting that only flags and the environment can give (the config file's own path).</summary>
    public bool AllowedInFile { get; init; } = true;

    public string FileKey => Variable.ToLowerInvariant();
    public string? AliasFileKey => Alias?.ToLowerInvariant();
    public string FlagText => "--" + Flag;

    /// <summary>The flag's value as the help names it: <c>duration</c>, <c>path</c>, <c>true|false</c>.</summary>
    public abstract string ValueName { get; }

    /// <summary>The default as the help and the documentation show it: <c>300ms</c>, <c>$DAEMON_HOME/data</c>, <c>required</c>, <c>none</c>.</summary>
    public abstract string DefaultText { get; }

    public abstract SettingDefaultKind DefaultKind { get; }

    /// <summary>The flag's help line: the description, the variable and, when there is one, the default.</summary>
    public string Help => DefaultKind is SettingDefaultKind.Fixed or SettingDefaultKind.Derived
        ? $"{Description} ({Variable}, default {DefaultText})"
        : $"{Description} ({Variable})";

    public override string ToString() => Variable;

    /// <summary>Picks, parses and records this setting's value in one load.</summary>
    internal abstract void ResolveIn(ConfigurationBuilder builder);

    /// <summary><paramref name="values"/> with this setting's default added, when it is fixed or none.</summary>
    internal abstract SettingValues WithConstantDefault(SettingValues values);
}

/// <summary>A setting whose value is a <typeparamref name="T"/>.</summary>
public sealed class Setting<T> : Setting
{
    // Read on first use rather than here: the help never needs it, and start-up time counts. A box, so that
    // a thread reading it while another one writes it sees all of it or nothing.
    private Tuple<Parsed<T>>? _constantDefault;

    public Setting(string variable, string flag, SettingType<T> type, SettingDefault<T> fallback, string description)
        : base(variable, flag, description)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(fallback);
        Type = type;
        Fallback = fallback;
    }

    public SettingType<T> Type { get; }
    public SettingDefault<T> Fallback { get; }
    public override string ValueName => Type.ValueName;
    public override string DefaultText => Fallback.Text;
    public override SettingDefaultKind DefaultKind => Fallback.Kind;

    /// <summary>The default value, for code that needs it without loading a configuration.</summary>
    /// <exception cref="InvalidOperationException">
    /// The setting is required, its default is derived from other settings, or its fixed default is not a valid value.
    /// </exception>
    public T Default
    {
        get
        {
            if (Fallback.Kind == SettingDefaultKind.None)
            {
                return default!;
            }
            if (Fallback.Kind != SettingDefaultKind.Fixed)
            {
                throw new InvalidOperationException($"{Variable} has no constant default ({Fallback.Text})");
            }
            var parsed = (_constantDefault ??= Tuple.Create(Type.Parse(Fallback.Text, SettingContext.Empty))).Item1;
            return parsed.HasValue
                ? parsed.Value
                : throw new InvalidOperationException($"the default of {Variable}, \"{Fallback.Text}\", is invalid: {parsed.Error}");
        }
    }

    /// <summary>The value's canonical text; empty for an unset value.</summary>
    public string Format(T value) => value is null ? "" : Type.Format(value);

    /// <summary>The default in a load: unknown for a required setting, or a derived one whose sources have no valid value.</summary>
    internal Parsed<T> DefaultIn(SettingValues values) => Fallback.Kind switch
    {
        SettingDefaultKind.Fixed or SettingDefaultKind.None => Parsed<T>.Valid(Default),
        SettingDefaultKind.Derived => Fallback.Derive(values),
        _ => Parsed<T>.Unknown,
    };

    internal override void ResolveIn(ConfigurationBuilder builder) => builder.Resolve(this);

    internal override SettingValues WithConstantDefault(SettingValues values) =>
        Fallback.Kind is SettingDefaultKind.Fixed or SettingDefaultKind.None ? values.With(this, Default) : values;
}
