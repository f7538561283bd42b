namespace Wemixvisor.Core.Configuration;

/// <summary>
/// What a setting's parser made of a text: a value, the reason the text is invalid, or unknown — a value
/// read relative to another setting that has no valid value itself (whose own problem is reported).
/// </summary>
public readonly record struct Parsed<T>
{
    private Parsed(T value, string? error, bool hasValue)
    {
        Value = value;
        Error = error;
        HasValue = hasValue;
    }

    public T Value { get; }

    /// <summary>Why the text is invalid, said after the value: <c>must be true or false</c>.</summary>
    public string? Error { get; }

    public bool HasValue { get; }

    public static Parsed<T> Valid(T value) => new(value, null, true);

    public static Parsed<T> Invalid(string error) => new(default!, error, false);

    public static Parsed<T> Unknown { get; } = new(default!, null, false);
}
