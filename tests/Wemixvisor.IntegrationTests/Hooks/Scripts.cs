namespace Wemixvisor.IntegrationTests.Hooks;

internal static class Scripts
{
    /// <summary>Shell text that writes the working directory, the arguments and the hook variables to <paramref name="output"/>.</summary>
    public static string RecordInvocation(string output) => $$"""
        {
          printf 'cwd=%s\n' "$(pwd)"
          printf 'argc=%s\n' "$#"
          for a in "$@"; do printf 'arg=%s\n' "$a"; done
          for v in UPGRADE_NAME UPGRADE_HEIGHT UPGRADE_INFO DAEMON_HOME DAEMON_NAME DAEMON_DATA_DIR; do
            eval "printf '%s=%s\n' $v \"\${$v}\""
          done
        } > '{{output}}'
        """;
}
