using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;

namespace Wemixvisor.Core.Downloads;

/// <summary>The expected digest of a download: <c>sha256:HEX</c> or <c>sha512:HEX</c>, the hex kept in lower case.</summary>
public sealed record Checksum
{
    private Checksum(string algorithm, string hex)
    {
        Algorithm = algorithm;
        Hex = hex;
    }

    /// <summary><c>sha256</c> or <c>sha512</c>.</summary>
    public string Algorithm { get; }

    public string Hex { get; }

    /// <summary>Reads <c>sha256:HEX</c> or <c>sha512:HEX</c> (the algorithm in any letter case); the error says what is wrong.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Checksum? checksum, [NotNullWhen(false)] out string? error)
    {
        checksum = null;
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (text is null || colon <= 0)
        {
            error = $"checksum \"{text}\" must be sha256:<64 hex digits> or sha512:<128 hex digits>";
            return false;
        }
        var algorithm = text[..colon].ToLowerInvariant();
        var hex = text[(colon + 1)..].ToLowerInvariant();
        var length = algorithm switch { "sha256" => 64, "sha512" => 128, _ => 0 };
        if (length == 0)
        {
            error = $"checksum \"{text}\": the algorithm must be sha256 or sha512, not \"{text[..colon]}\"";
            return false;
        }
        if (hex.Length != length || !hex.All(char.IsAsciiHexDigit))
        {
            error = $"checksum \"{text}\": a {algorithm} checksum is {length} hex digits";
            return false;
        }
        checksum = new Checksum(algorithm, hex);
        error = null;
        return true;
    }

    /// <summary>A hash of the algorithm, to feed the downloaded bytes through.</summary>
    public IncrementalHash NewHash() => IncrementalHash.CreateHash(Algorithm == "sha512" ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256);

    /// <summary>Compares a computed digest with the expected one in constant time.</summary>
    public bool Matches(ReadOnlySpan<byte> digest) =>
        CryptographicOperations.FixedTimeEquals(digest, Convert.FromHexString(Hex));

    public static string HexOf(ReadOnlySpan<byte> digest) => Convert.ToHexString(digest).ToLower(CultureInfo.InvariantCulture);

    public override string ToString() => $"{Algorithm}:{Hex}";
}
