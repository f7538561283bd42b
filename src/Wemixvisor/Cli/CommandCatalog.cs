using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Cocona;
using Microsoft.Extensions.DependencyInjection;

namespace Wemixvisor.Cli;

/// <summary>The command classes by command name, and a check that a command's constructor can be satisfied.</summary>
/// <remarks>
/// Reads the command classes by reflection, as Cocona does; the native build keeps them whole because the wemixvisor
/// assembly is a trimmer root (Wemixvisor.csproj).
/// </remarks>
[UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "The command classes live in the wemixvisor assembly, which the native build roots whole.")]
public sealed class CommandCatalog(IReadOnlyList<Type> commandTypes)
{
    /// <summary>Command names (including sub-command groups declared with <see cref="HasSubCommandsAttribute"/>) and the class that serves each.</summary>
    public IReadOnlyDictionary<string, Type> ByName { get; } =
        commandTypes
            .SelectMany(type => type.GetMethods()
                .Select(method => (Name: method.GetCustomAttribute<CommandAttribute>()?.Name, Type: type))
                .Concat(type.GetCustomAttributes<HasSubCommandsAttribute>().Select(group => (Name: group.CommandName, group.Type))))
            .Where(entry => entry.Name is not null)
            .ToDictionary(entry => entry.Name!, entry => entry.Type, StringComparer.Ordinal);

    /// <summary>The names of the sub-command groups (<c>backup</c>): a group's first argument is one of its commands.</summary>
    public IReadOnlySet<string> GroupNames { get; } =
        commandTypes
            .SelectMany(type => type.GetCustomAttributes<HasSubCommandsAttribute>())
            .Select(group => group.CommandName)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The name a user types for <paramref name="name"/> of <paramref name="commandType"/>: <c>backup list</c> for a sub-command, else the name.</summary>
    public string QualifiedName(Type commandType, string name) =>
        commandTypes
            .SelectMany(type => type.GetCustomAttributes<HasSubCommandsAttribute>())
            .FirstOrDefault(group => group.Type == commandType)?.CommandName is { } groupName
            ? $"{groupName} {name}"
            : name;

    /// <summary>
    /// Constructor dependencies of <paramref name="commandType"/> that are not registered. Cocona hangs instead
    /// of failing when it cannot construct a command, so this is checked before the command is dispatched.
    /// </summary>
    public static IReadOnlyList<Type> MissingServices(Type commandType, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(commandType);
        var isService = services.GetRequiredService<IServiceProviderIsService>();
        return commandType.GetConstructors()
            .SelectMany(constructor => constructor.GetParameters())
            .Where(parameter => !parameter.HasDefaultValue && !isService.IsService(parameter.ParameterType))
            .Select(parameter => parameter.ParameterType)
            .ToList();
    }
}
