using Wemixvisor.Cli;

namespace Wemixvisor.Tests.Cli;

public sealed class RunArgumentsTests
{
    [Fact]
    public void Split_NoSeparator_EverythingAfterRunGoesToTheNode()
    {
        var (commandLine, node) = RunArguments.Split(["run", "start", "--home", "/x"]);

        Assert.Equal(["run"], commandLine);
        Assert.Equal(["start", "--home", "/x"], node.Values);
    }

    [Fact]
    public void Split_Separator_OptionsBeforeItAreWemixvisors()
    {
        var (commandLine, node) = RunArguments.Split(["run", "--poll-interval", "1s", "--", "start", "--", "x"]);

        Assert.Equal(["run", "--poll-interval", "1s"], commandLine);
        Assert.Equal(["start", "--", "x"], node.Values);
    }

    [Fact]
    public void Split_SeparatorFirst_NoWemixvisorOptions()
    {
        var (commandLine, node) = RunArguments.Split(["run", "--", "--help"]);

        Assert.Equal(["run"], commandLine);
        Assert.Equal(["--help"], node.Values);
    }

    [Fact]
    public void Split_RunAlone_NoNodeArguments()
    {
        var (commandLine, node) = RunArguments.Split(["run"]);

        Assert.Equal(["run"], commandLine);
        Assert.Empty(node.Values);
    }

    [Fact]
    public void Split_ExactlyRunHelp_IsWemixvisorsHelp()
    {
        var (commandLine, node) = RunArguments.Split(["run", "--help"]);

        Assert.Equal(["run", "--help"], commandLine);
        Assert.Empty(node.Values);
    }

    [Fact]
    public void Split_HelpAmongNodeArguments_GoesToTheNode()
    {
        var (commandLine, node) = RunArguments.Split(["run", "start", "--help"]);

        Assert.Equal(["run"], commandLine);
        Assert.Equal(["start", "--help"], node.Values);
    }

    [Theory]
    [InlineData("init", "/bin/node", "--", "x")]
    [InlineData("version")]
    [InlineData("--help")]
    public void Split_OtherCommands_AreLeftAlone(params string[] args)
    {
        var (commandLine, node) = RunArguments.Split(args);

        Assert.Equal(args, commandLine);
        Assert.Empty(node.Values);
    }

    [Fact]
    public void Split_ArgumentsWithSpacesAndEmptyOnes_AreKeptVerbatim()
    {
        var (_, node) = RunArguments.Split(["run", "--", "a b", "", "'q'"]);

        Assert.Equal(["a b", "", "'q'"], node.Values);
    }
}
