namespace Wemixvisor.Platform.NodeRpc;

/// <summary>An account address as JSON-RPC writes it: <c>0x</c> and 40 hex digits, in any case.</summary>
internal static class HexAddress
{
    public static bool IsValid(ReadOnlySpan<char> text) =>
        text.Length == 42 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X') && !text[2..].ContainsAnyExcept(HexDigits);

    private static readonly System.Buffers.SearchValues<char> HexDigits =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
}
