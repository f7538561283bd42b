using Wemixvisor;

return await WemixvisorApp.RunAsync(args);
