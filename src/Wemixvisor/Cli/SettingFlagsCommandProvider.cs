using Cocona;
using Cocona.Command;
using Microsoft.Extensions.DependencyInjection;
using Wemixvisor.Core.Configuration;

namespace Wemixvisor.Cli;

/// <summary>
/// Cocona builds a command's options by reflection from static declarations. This wraps its command provider
/// and gives every <see cref="SettingFlags"/> parameter one option per setting of the catalogue, with the
/// setting's help and value name, so the flags are defined where the settings are. Cocona still parses them.
/// </summary>
public sealed class SettingFlagsCommandProvider(ICoconaCommandProvider inner) : ICoconaCommandProvider
{
    /// <summary>One option per setting; shared by the commands, since a parse only looks its options up.</summary>
    private static readonly CommandParameterSetMemberDescriptor[] Members = Settings.All
        .Select(setting => new CommandParameterSetMemberDescriptor(
            new CommandOptionDescriptor(
                typeof(string), setting.Flag, [], setting.Help, new CoconaDefaultValue(null), setting.ValueName, CommandOptionFlags.None, []),
            (flags, value) => ((SettingFlags)flags).Set(setting, (string?)value)))
        .ToArray();

    private CommandCollection? _commands;

    /// <summary>Wraps the command provider that <c>CoconaApp.CreateBuilder</c> registered.</summary>
    /// <exception cref="InvalidOperationException">No command provider is registered yet.</exception>
    public static void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var cocona = services.LastOrDefault(service => service.ServiceType == typeof(ICoconaCommandProvider))
            ?? throw new InvalidOperationException("Cocona's command provider is not registered yet: register the setting flags after creating the Cocona builder");
        services.Remove(cocona);
        services.AddSingleton<ICoconaCommandProvider>(provider => new SettingFlagsCommandProvider(
            (ICoconaCommandProvider)(cocona.ImplementationInstance
                ?? cocona.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, cocona.ImplementationType!))));
    }

    public CommandCollection GetCommandCollection() => _commands ??= WithSettingFlags(inner.GetCommandCollection());

    private static CommandCollection WithSettingFlags(CommandCollection commands) =>
        new(commands.All.Select(command => WithSettingFlags(command, commands)).ToArray());

    private static CommandDescriptor WithSettingFlags(CommandDescriptor command, CommandCollection parent)
    {
        var parameters = command.Parameters.ToArray();
        var options = command.Options.ToList();
        for (var i = 0; i < parameters.Length; i++)
        {
            if (parameters[i] is CommandParameterSetDescriptor set && set.ParameterSetType == typeof(SettingFlags))
            {
                var flags = Describe(set);
                var clash = flags.Members.Select(member => ((CommandOptionDescriptor)member.ParameterDescriptor).Name)
                    .Intersect(options.Select(option => option.Name)).FirstOrDefault();
                if (clash is not null)
                {
                    throw new CoconaException($"the command '{command.Name}' declares --{clash}, which is a setting flag");
                }
                parameters[i] = flags;
                options.InsertRange(parameters[..i].SelectMany(OptionsOf).Count(), flags.Members.Select(member => (CommandOptionDescriptor)member.ParameterDescriptor));
            }
        }
        var subCommands = command.SubCommands is { } sub && sub != parent ? WithSettingFlags(sub) : command.SubCommands;
        return new CommandDescriptor(
            command.Method, command.Target, command.Name, command.Aliases, command.Description, command.Metadata,
            parameters, options, command.Arguments, command.Overloads, command.OptionLikeCommands, command.Flags, subCommands);
    }

    private static CommandParameterSetDescriptor Describe(CommandParameterSetDescriptor reflected) =>
        new(reflected.ParameterSetType, reflected.Name, reflected.ParameterAttributes, Members);

    private static IEnumerable<CommandOptionDescriptor> OptionsOf(ICommandParameterDescriptor parameter) => parameter switch
    {
        CommandOptionDescriptor option => [option],
        CommandParameterSetDescriptor set => set.Members.Select(member => member.ParameterDescriptor).SelectMany(OptionsOf),
        CommandParameterizedParameterSetDescriptor set => set.Parameters.SelectMany(OptionsOf),
        _ => [],
    };
}
