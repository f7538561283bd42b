namespace Wemixvisor.Core.Configuration;

/// <summary>One thing wrong with the configuration.</summary>
/// <param name="Subject">What is wrong: a variable, flag, config-file key or the config file itself.</param>
/// <param name="Message">One sentence that names the subject and the bad value and says what is expected.</param>
public sealed record ConfigurationProblem(string Subject, string Message)
{
    public override string ToString() => Message;
}
