using FastToken.Samples.Login;

await LoginServer.Create(args).RunAsync();
