using Cocona;

var builder = CoconaApp.CreateBuilder(args);
var app = builder.Build();
app.Run();
