using System.Text.Json;

namespace Wemixvisor.Platform.NodeRpc;

/// <summary>
/// Finds the end of the first complete JSON value in bytes that arrive in pieces. geth's IPC is a stream of JSON
/// values with no delimiter promised between them, so the end of an answer is where its value ends. Each call scans
/// only the bytes not scanned before.
/// </summary>
internal sealed class JsonValueFramer
{
    private JsonReaderState _state;
    private int _scanned;

    /// <summary>
    /// Looks at everything received so far (<paramref name="received"/>, which only ever grows at its end). Returns
    /// the length of the first complete value, or -1 while more bytes are needed. Throws <see cref="JsonException"/>
    /// when the bytes cannot be JSON.
    /// </summary>
    public int Advance(ReadOnlySpan<byte> received)
    {
        var reader = new Utf8JsonReader(received[_scanned..], isFinalBlock: false, _state);
        while (reader.Read())
        {
            if (reader.CurrentDepth == 0 && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
            {
                return _scanned + (int)reader.BytesConsumed;
            }
        }
        _scanned += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
        return -1;
    }
}
