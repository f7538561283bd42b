using System.Net.Http.Headers;
using System.Text;

namespace Wemixvisor.Platform.NodeRpc;

/// <summary>JSON-RPC over HTTP(S) POST through one HttpClient shared by every endpoint.</summary>
internal sealed class HttpTransport(NodeRpcEndpoint endpoint, int maxAnswerBytes) : IJsonRpcTransport
{
    // Connections are recycled, so a node whose name resolves elsewhere later is still found.
    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        AllowAutoRedirect = false,
        UseCookies = false,
    })
    {
        // Each call's deadline comes from the client's cancellation token.
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly Uri _url = endpoint.Url ?? throw new ArgumentException("not an HTTP endpoint", nameof(endpoint));

    private readonly AuthenticationHeaderValue? _authorization = endpoint.Credentials is { } credentials
        ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)))
        : null;

    public async Task<ReadOnlyMemory<byte>> ExchangeAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new ReadOnlyMemoryContent(request) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        message.Headers.Authorization = _authorization;
        using var response = await Client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var start = new AnswerBuffer(512);
            var read = await body.ReadAsync(start.Free(), cancellationToken);
            start.Advance(read);
            throw new NodeRpcTransportException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}" +
                (read > 0 ? $": {AnswerText.Excerpt(start.Received.Span)}" : ""));
        }
        if (response.Content.Headers.ContentLength > maxAnswerBytes)
        {
            throw new NodeRpcTransportException($"the answer announces {response.Content.Headers.ContentLength} bytes, more than the limit of {maxAnswerBytes}");
        }
        return await new AnswerBuffer(maxAnswerBytes).ReadToEndAsync(body, cancellationToken);
    }
}
