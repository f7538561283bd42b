using System.Globalization;

namespace Wemixvisor.Platform.NodeRpc;

/// <summary>The bytes of one answer as they arrive, in a buffer that grows up to a cap.</summary>
internal sealed class AnswerBuffer(int maxBytes)
{
    private const int InitialBytes = 4096;
    private byte[] _bytes = new byte[Math.Min(InitialBytes, maxBytes)];

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Received => _bytes.AsMemory(0, Length);

    /// <summary>Room for the next read; throws <see cref="NodeRpcTransportException"/> when the answer already fills the cap.</summary>
    public Memory<byte> Free()
    {
        if (Length == _bytes.Length)
        {
            if (Length >= maxBytes)
            {
                throw new NodeRpcTransportException($"the answer reached the limit of {Describe(maxBytes)}");
            }
            Array.Resize(ref _bytes, (int)Math.Min(maxBytes, 2L * _bytes.Length));
        }
        return _bytes.AsMemory(Length);
    }

    public void Advance(int count) => Length += count;

    /// <summary>Reads <paramref name="stream"/> to its end.</summary>
    public async Task<ReadOnlyMemory<byte>> ReadToEndAsync(Stream stream, CancellationToken cancellationToken)
    {
        int read;
        while ((read = await stream.ReadAsync(Free(), cancellationToken)) > 0)
        {
            Advance(read);
        }
        return Received;
    }

    private static string Describe(int bytes) => bytes % (1024 * 1024) == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
}
