global using System.Collections.Immutable;
global using Reft.Language;
global using Reft.Language.Diagnostics;
