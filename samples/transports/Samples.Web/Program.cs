using FastToken.Samples.Web;

await WebServer.Create(args).RunAsync();
