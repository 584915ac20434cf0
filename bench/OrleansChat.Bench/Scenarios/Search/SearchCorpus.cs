namespace OrleansChat.Bench.Scenarios.Search;

/// <summary>
/// Made-up words for the search benchmark, from a fixed seed. A vocabulary of 5,000 pronounceable words, used as
/// natural language uses words (Zipf: the n-th commonest about 1/n as often as the commonest), so that some words are
/// in most messages and most words in a few hundred of a million. Two searches in three are one word picked evenly
/// from the vocabulary (mostly the rare words people look for); the third is two words as messages use them (mostly
/// common ones, which many messages hold together).
/// </summary>
public sealed class SearchCorpus
{
    private const int VocabularySize = 5_000;

    /// <summary>Every corpus speaks the same language; only the messages and searches drawn from it differ by seed.</summary>
    private const int VocabularySeed = 5;
    private static readonly string[] Onsets = ["b", "br", "d", "f", "g", "gr", "k", "l", "m", "n", "p", "pl", "r", "s", "st", "t", "tr", "v", "z", "sh"];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "ai", "ou"];

    private readonly string[] _words;
    private readonly double[] _cumulative;
    private readonly Random _random;

    public SearchCorpus(int seed)
    {
        _random = new Random(seed);
        var language = new Random(VocabularySeed);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (words.Count < VocabularySize)
        {
            var syllables = language.Next(1, 4);
            words.Add(string.Concat(Enumerable.Range(0, syllables).Select(_ => Onsets[language.Next(Onsets.Length)] + Vowels[language.Next(Vowels.Length)])));
        }
        _words = [.. words];
        _cumulative = new double[VocabularySize];
        var total = 0.0;
        for (var rank = 0; rank < VocabularySize; rank++) _cumulative[rank] = total += 1.0 / (rank + 1);
        for (var rank = 0; rank < VocabularySize; rank++) _cumulative[rank] /= total;
    }

    /// <summary>A message of 4 to 20 words, drawn as language draws them.</summary>
    public string NextMessage()
    {
        var words = new string[_random.Next(4, 21)];
        for (var i = 0; i < words.Length; i++) words[i] = _words[Rank(_random.NextDouble())];
        return string.Join(' ', words);
    }

    /// <summary>A search: one word of the vocabulary (two times in three), or two words of a message.</summary>
    public string NextQuery() => _random.Next(3) < 2
        ? _words[_random.Next(VocabularySize)]
        : $"{_words[Rank(_random.NextDouble())]} {_words[Rank(_random.NextDouble())]}";

    private int Rank(double point)
    {
        var index = Array.BinarySearch(_cumulative, point);
        return Math.Min(index < 0 ? ~index : index, VocabularySize - 1);
    }
}
