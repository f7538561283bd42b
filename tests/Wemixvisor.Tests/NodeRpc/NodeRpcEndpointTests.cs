using Wemixvisor.Platform.NodeRpc;

namespace Wemixvisor.Tests.NodeRpc;

public sealed class NodeRpcEndpointTests
{
    private const string DataDir = "/srv/node/data";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Resolve_NoSetting_TheNodesDefaultSocketInItsDataDir(string? setting)
    {
        var resolution = NodeRpcEndpoint.Resolve(setting, DataDir, "gstable");

        Assert.True(resolution.IsValid);
        var endpoint = resolution.Endpoint;
        Assert.Equal((NodeRpcTransport.Ipc, "/srv/node/data/gstable.ipc", true), (endpoint.Transport, endpoint.SocketPath, endpoint.IsDefaultSocket));
        Assert.Equal("ipc /srv/node/data/gstable.ipc", endpoint.Display);
        Assert.Null(resolution.Problem);
    }

    [Fact]
    public void Resolve_AbsoluteSocketPath_ThatSocketNotTheDefault()
    {
        var endpoint = NodeRpcEndpoint.Resolve("/run/gstable/geth.ipc", DataDir, "gstable").Endpoint!;

        Assert.Equal((NodeRpcTransport.Ipc, "/run/gstable/geth.ipc", false), (endpoint.Transport, endpoint.SocketPath, endpoint.IsDefaultSocket));
        Assert.Equal("ipc /run/gstable/geth.ipc", endpoint.ToString());
    }

    [Theory]
    [InlineData("http://127.0.0.1:8545", "http://127.0.0.1:8545/")]
    [InlineData("http://localhost:8545/", "http://localhost:8545/")]
    [InlineData("https://rpc.example.org/node1", "https://rpc.example.org/node1")]
    [InlineData("http://[::1]:8545", "http://[::1]:8545/")]
    public void Resolve_HttpUrl_HttpEndpoint(string setting, string expected)
    {
        var endpoint = NodeRpcEndpoint.Resolve(setting, DataDir, "gstable").Endpoint!;

        Assert.Equal(NodeRpcTransport.Http, endpoint.Transport);
        Assert.Equal(expected, endpoint.Display);
        Assert.Equal(new Uri(setting), endpoint.Url);
        Assert.Null(endpoint.Credentials);
        Assert.False(endpoint.IsDefaultSocket);
    }

    [Fact]
    public void Resolve_UrlWithCredentialsAndQuery_NeitherShown_CredentialsKeptForAuthorization()
    {
        var endpoint = NodeRpcEndpoint.Resolve("https://ops:s%40cret@rpc.example.org:8443/v1?key=abc", DataDir, "gstable").Endpoint!;

        Assert.Equal("https://rpc.example.org:8443/v1", endpoint.Display);
        Assert.Equal("https://rpc.example.org:8443/v1", endpoint.ToString());
        Assert.Equal("ops:s@cret", endpoint.Credentials);
        Assert.Equal(new Uri("https://rpc.example.org:8443/v1?key=abc"), endpoint.Url);
    }

    [Theory]
    [InlineData("data/gstable.ipc", "WEMIXVISOR_NODE_RPC=data/gstable.ipc is a relative path; give the absolute path of the node's IPC socket")]
    [InlineData("gstable.ipc", "WEMIXVISOR_NODE_RPC=gstable.ipc is a relative path; give the absolute path of the node's IPC socket")]
    [InlineData("localhost:8545", "WEMIXVISOR_NODE_RPC=localhost:8545 is neither an absolute path to the node's IPC socket nor an http:// or https:// URL")]
    [InlineData("ws://127.0.0.1:8546", "WEMIXVISOR_NODE_RPC: ws:// is not supported; give the node's IPC socket path or an http:// or https:// URL")]
    [InlineData("ftp://user:pw@host/x", "WEMIXVISOR_NODE_RPC: ftp:// is not supported; give the node's IPC socket path or an http:// or https:// URL")]
    [InlineData("http://", "WEMIXVISOR_NODE_RPC: the http:// URL is not valid")]
    [InlineData("http://exa mple:80/", "WEMIXVISOR_NODE_RPC: the http:// URL is not valid")]
    public void Resolve_UnusableSetting_ProblemNamingTheVariable(string setting, string expected)
    {
        var resolution = NodeRpcEndpoint.Resolve(setting, DataDir, "gstable");

        Assert.False(resolution.IsValid);
        Assert.Equal(expected, resolution.Problem);
        Assert.Null(resolution.Endpoint);
    }

    [Fact]
    public void Resolve_SocketPathLongerThanASocketAddressHolds_Problem()
    {
        var path = "/" + new string('s', 107);

        var resolution = NodeRpcEndpoint.Resolve(path, DataDir, "gstable");

        Assert.Equal($"WEMIXVISOR_NODE_RPC={path} is 108 bytes long; a unix socket path holds at most 107", resolution.Problem);
        Assert.True(NodeRpcEndpoint.Resolve(path[..^1], DataDir, "gstable").IsValid);
    }
}
