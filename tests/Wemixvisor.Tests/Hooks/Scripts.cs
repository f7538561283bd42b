using Wemixvisor.Tests.Backup;

namespace Wemixvisor.Tests.Hooks;

internal static class Scripts
{
    /// <summary>Writes an executable POSIX shell script and returns its path.</summary>
    public static string Write(string path, string body, UnixFileMode mode = NodeDataTree.Mode755)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, mode);
        return path;
    }

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
