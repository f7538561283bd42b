using System.Text;

namespace Wemixvisor.Platform.NodeRpc;

/// <summary>How the node's JSON-RPC is reached.</summary>
internal enum NodeRpcTransport
{
    /// <summary>geth's IPC: a unix domain socket carrying a stream of JSON values.</summary>
    Ipc,

    /// <summary>JSON-RPC over HTTP(S) POST.</summary>
    Http,
}

/// <summary>
/// Where the node's JSON-RPC is reached: <c>WEMIXVISOR_NODE_RPC</c> when set (an absolute socket path or an
/// http/https URL), otherwise the node's default IPC socket <c>$DAEMON_DATA_DIR/$DAEMON_NAME.ipc</c>, which
/// exists only while the node runs.
/// </summary>
internal sealed record NodeRpcEndpoint
{
    public const string Variable = "WEMIXVISOR_NODE_RPC";

    /// <summary>Linux's <c>sun_path</c> holds 108 bytes including the terminating NUL.</summary>
    public const int MaxSocketPathBytes = 107;

    private NodeRpcEndpoint(NodeRpcTransport transport, string? socketPath, Uri? url, string? credentials, bool isDefaultSocket, string display)
    {
        Transport = transport;
        SocketPath = socketPath;
        Url = url;
        Credentials = credentials;
        IsDefaultSocket = isDefaultSocket;
        Display = display;
    }

    public NodeRpcTransport Transport { get; }

    /// <summary>The socket's absolute path (IPC only).</summary>
    public string? SocketPath { get; }

    /// <summary>The URL requests go to, without user information (HTTP only).</summary>
    public Uri? Url { get; }

    /// <summary><c>user:password</c> from the URL, sent as Basic authorization; never shown.</summary>
    public string? Credentials { get; }

    /// <summary>True when no endpoint was configured and this is the node's default IPC socket.</summary>
    public bool IsDefaultSocket { get; }

    /// <summary>For logs: <c>ipc /path/node.ipc</c>, or the URL without user information and query.</summary>
    public string Display { get; }

    public override string ToString() => Display;

    /// <summary>
    /// The endpoint named by <paramref name="setting"/> (the value of <see cref="Variable"/>), or, when it is null
    /// or empty, the default socket <c><paramref name="dataDir"/>/<paramref name="daemonName"/>.ipc</c>.
    /// An unusable setting yields a problem naming <see cref="Variable"/> instead.
    /// </summary>
    public static NodeRpcEndpointResolution Resolve(string? setting, string dataDir, string daemonName)
    {
        if (string.IsNullOrEmpty(setting))
        {
            return new(Ipc(Path.Combine(dataDir, daemonName + ".ipc"), isDefault: true), null);
        }
        if (setting.StartsWith('/'))
        {
            return SocketProblem(setting) is { } problem ? new(null, problem) : new(Ipc(setting, isDefault: false), null);
        }
        if (setting.Contains("://", StringComparison.Ordinal))
        {
            return UrlProblem(setting, out var url) is { } problem ? new(null, problem) : new(Http(url!), null);
        }
        return new(null, setting.Contains('/', StringComparison.Ordinal) || setting.EndsWith(".ipc", StringComparison.Ordinal)
            ? $"{Variable}={setting} is a relative path; give the absolute path of the node's IPC socket"
            : $"{Variable}={setting} is neither an absolute path to the node's IPC socket nor an http:// or https:// URL");
    }

    private static string? UrlProblem(string setting, out Uri? url)
    {
        if (!Uri.TryCreate(setting, UriKind.Absolute, out url))
        {
            var scheme = setting[..setting.IndexOf("://", StringComparison.Ordinal)];
            return $"{Variable}: the {scheme}:// URL is not valid";
        }
        if (url.Scheme is not ("http" or "https"))
        {
            return $"{Variable}: {url.Scheme}:// is not supported; give the node's IPC socket path or an http:// or https:// URL";
        }
        return url.Host.Length == 0 ? $"{Variable}: the URL names no host" : null;
    }

    private static string? SocketProblem(string path)
    {
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            return $"{Variable}: the socket path contains a NUL character";
        }
        var bytes = Encoding.UTF8.GetByteCount(path);
        return bytes > MaxSocketPathBytes
            ? $"{Variable}={path} is {bytes} bytes long; a unix socket path holds at most {MaxSocketPathBytes}"
            : null;
    }

    private static NodeRpcEndpoint Ipc(string path, bool isDefault) =>
        new(NodeRpcTransport.Ipc, path, null, null, isDefault, "ipc " + path);

    private static NodeRpcEndpoint Http(Uri url)
    {
        var credentials = url.UserInfo.Length > 0 ? Uri.UnescapeDataString(url.UserInfo) : null;
        var target = new UriBuilder(url) { UserName = "", Password = "" }.Uri;
        return new(NodeRpcTransport.Http, null, target, credentials, false, $"{url.Scheme}://{url.Authority}{url.AbsolutePath}");
    }
}

/// <summary>The outcome of <see cref="NodeRpcEndpoint.Resolve"/>: an endpoint, or the problem with the setting.</summary>
internal sealed record NodeRpcEndpointResolution(NodeRpcEndpoint? Endpoint, string? Problem)
{
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Endpoint))]
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Problem))]
    public bool IsValid => Endpoint is not null;
}
