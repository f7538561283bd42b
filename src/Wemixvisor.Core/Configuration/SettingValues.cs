using System.Diagnostics.CodeAnalysis;

namespace Wemixvisor.Core.Configuration;

/// <summary>Resolved values by setting, each typed by its <see cref="Setting{T}"/>; immutable.</summary>
public sealed class SettingValues : IEquatable<SettingValues>
{
    private readonly Dictionary<Setting, object?> _values;

    private SettingValues(Dictionary<Setting, object?> values) => _values = values;

    public static SettingValues Empty { get; } = new([]);

    public bool Contains(Setting setting) => _values.ContainsKey(setting);

    public bool TryGet<T>(Setting<T> setting, [MaybeNullWhen(false)] out T value)
    {
        if (_values.TryGetValue(setting, out var boxed))
        {
            value = (T)boxed!;
            return true;
        }
        value = default;
        return false;
    }

    /// <exception cref="InvalidOperationException">The setting has no value.</exception>
    public T Get<T>(Setting<T> setting) =>
        TryGet(setting, out var value) ? value : throw new InvalidOperationException($"{setting.Variable} has no value");

    /// <summary>A copy with <paramref name="setting"/> set; a few dozen settings make copying cheap.</summary>
    public SettingValues With<T>(Setting<T> setting, T value) => new(new Dictionary<Setting, object?>(_values) { [setting] = value });

    public bool Equals(SettingValues? other) =>
        other is not null
        && other._values.Count == _values.Count
        && _values.All(entry => other._values.TryGetValue(entry.Key, out var value) && Equals(entry.Value, value));

    public override bool Equals(object? obj) => Equals(obj as SettingValues);

    public override int GetHashCode() => _values.Aggregate(_values.Count, (hash, entry) => hash ^ HashCode.Combine(entry.Key, entry.Value));
}
