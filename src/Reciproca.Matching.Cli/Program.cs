Console.WriteLine("reciproca-match");
