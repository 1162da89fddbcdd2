global using LanguageExt;
global using static LanguageExt.Prelude;
global using Xunit;
