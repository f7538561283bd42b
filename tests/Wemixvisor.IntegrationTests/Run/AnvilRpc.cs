using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Wemixvisor.IntegrationTests.Run;

/// <summary>anvil's HTTP JSON-RPC on 127.0.0.1: the chain height, and whether the port is in use.</summary>
internal sealed class AnvilRpc(int port) : IDisposable
{
    private static readonly TimeSpan PollStep = TimeSpan.FromMilliseconds(100);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(2) };

    public int Port { get; } = port;

    /// <summary>A TCP port that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>True when nothing listens on the port (it can be bound again).</summary>
    public bool PortIsFree()
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary><c>eth_blockNumber</c>, or null when nothing answers.</summary>
    public async Task<long?> BlockNumber()
    {
        using var request = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":[]}""", Encoding.UTF8, "application/json");
        try
        {
            using var response = await _http.PostAsync(new Uri($"http://127.0.0.1:{Port}/"), request);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var hex = document.RootElement.GetProperty("result").GetString()!;
            return long.Parse(hex.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Polls until the height is at least <paramref name="minimum"/>; returns it, or fails after <paramref name="timeout"/>.</summary>
    public async Task<long> WaitForHeight(long minimum, TimeSpan timeout, Func<string> diagnostics)
    {
        var elapsed = Stopwatch.StartNew();
        long? last = null;
        while (elapsed.Elapsed < timeout)
        {
            last = await BlockNumber();
            if (last >= minimum)
            {
                return last.Value;
            }
            await Task.Delay(PollStep);
        }
        Assert.Fail($"timed out after {timeout.TotalSeconds} s waiting for height >= {minimum} on port {Port} (last answer: {last?.ToString(CultureInfo.InvariantCulture) ?? "none"})\n{diagnostics()}");
        return 0;
    }

    public void Dispose() => _http.Dispose();
}
