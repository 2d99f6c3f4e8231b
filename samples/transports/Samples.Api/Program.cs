using FastToken.Samples.Api;

await ApiServer.Create(args).RunAsync();
