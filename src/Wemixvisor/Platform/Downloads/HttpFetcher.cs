using System.Net;
using System.Net.Http.Headers;
using Wemixvisor.Core.Downloads;

namespace Wemixvisor.Platform.Downloads;

/// <summary>
/// Fetches one URL into a stream with <see cref="HttpClient"/>: https only (http for loopback addresses, or when
/// allowed), redirects followed by hand so that each hop is checked the same way, a total and a stall timeout,
/// and a size limit counted on the bytes received, whatever the server announced.
/// </summary>
internal sealed class HttpFetcher : IDisposable
{
    private const int BufferSize = 1 << 16;

    private readonly HttpClient _client;

    public HttpFetcher()
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            UseCookies = false,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("wemixvisor", null));
    }

    /// <summary>Null when <paramref name="url"/> may be fetched, else why not.</summary>
    public static string? Refusal(Uri url, bool allowInsecure)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.Scheme switch
        {
            "https" => null,
            "http" when allowInsecure || IsLoopback(url) => null,
            "http" => $"{BinarySource.Redact(url)} is plain http; use https, or set WEMIXVISOR_ALLOW_INSECURE_DOWNLOAD=true (http is accepted without it only for 127.0.0.0/8)",
            _ => $"{BinarySource.Redact(url)}: only https:// (and http:// for 127.0.0.0/8) URLs are downloaded",
        };
    }

    /// <param name="progress">Told the bytes received and the announced length (null when unknown) after every read.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="DownloadException">The fetch failed; the message says why.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public async Task<long> FetchAsync(Uri url, Stream output, long maxBytes, DownloadLimits limits, Action<long, long?>? progress, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(limits);
        using var total = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        total.CancelAfter(limits.TotalTimeout);
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(total.Token);
        try
        {
            var current = url;
            for (var hop = 0; ; hop++)
            {
                if (Refusal(current, limits.AllowInsecure) is { } refusal)
                {
                    throw new DownloadException(refusal, retryable: false);
                }
                stall.CancelAfter(limits.StallTimeout);
                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stall.Token).ConfigureAwait(false);
                if (IsRedirect(response.StatusCode))
                {
                    if (response.Headers.Location is not { } location)
                    {
                        throw new DownloadException($"the server answered {(int)response.StatusCode} without a Location", retryable: true);
                    }
                    if (hop >= DownloadLimits.MaxRedirects)
                    {
                        throw new DownloadException($"more than {DownloadLimits.MaxRedirects} redirects", retryable: false);
                    }
                    current = new Uri(current, location);
                    continue;
                }
                if (!response.IsSuccessStatusCode)
                {
                    throw new DownloadException($"the server answered {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd(), retryable: true);
                }
                var announced = response.Content.Headers.ContentLength;
                if (announced > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }
                return await Copy(response, output, maxBytes, announced, limits, stall, progress).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw total.IsCancellationRequested
                ? new DownloadException($"not finished within {limits.TotalTimeout}", retryable: true)
                : new DownloadException($"the server sent nothing for {limits.StallTimeout}", retryable: true);
        }
        catch (HttpRequestException e)
        {
            throw new DownloadException(e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message, retryable: true);
        }
        catch (IOException e)
        {
            throw new DownloadException($"the connection broke: {e.Message}", retryable: true);
        }
    }

    public void Dispose() => _client.Dispose();

    public static DownloadException TooLarge(long maxBytes) =>
        new($"the body is larger than WEMIXVISOR_DOWNLOAD_MAX_SIZE ({Core.Configuration.ByteSize.Format(maxBytes)})", retryable: false);

    private static async Task<long> Copy(
        HttpResponseMessage response, Stream output, long maxBytes, long? announced, DownloadLimits limits, CancellationTokenSource stall, Action<long, long?>? progress)
    {
        await using var body = await response.Content.ReadAsStreamAsync(stall.Token).ConfigureAwait(false);
        var buffer = new byte[BufferSize];
        long received = 0;
        while (true)
        {
            stall.CancelAfter(limits.StallTimeout);
            var read = await body.ReadAsync(buffer, stall.Token).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }
            received += read;
            if (received > maxBytes)
            {
                throw TooLarge(maxBytes);
            }
            await output.WriteAsync(buffer.AsMemory(0, read), stall.Token).ConfigureAwait(false);
            progress?.Invoke(received, announced);
        }
        if (announced is { } length && received != length)
        {
            throw new DownloadException($"the body ended after {received} of {length} bytes", retryable: true);
        }
        return received;
    }

    private static bool IsRedirect(HttpStatusCode code) =>
        code is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static bool IsLoopback(Uri url) => IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
}
