#include "config/configmanager.h"
#include "config/configparser.h"
#include "util/paths.h"

#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QByteArray minimal(const QByteArray &providerExtra = {}, const QByteArray &tierExtra = {},
                   const QByteArray &rootExtra = {})
{
    return "{\n"
           "  \"providers\": [\n"
           "    { \"id\": \"openai\", \"kind\": \"openai\", \"base_url\": \"https://api.openai.com/v1\"" +
           providerExtra +
           " }\n"
           "  ],\n"
           "  \"tiers\": [\n"
           "    { \"name\": \"main\", \"provider\": \"openai\", \"model\": \"gpt-4o\"" +
           tierExtra +
           " }\n"
           "  ]" +
           rootExtra + "\n}\n";
}

} // namespace

class TestConfig : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void builtin_validatesAndRoundTrips()
    {
        const ChainConfig builtin = ChainConfig::builtinSimulated();
        QVERIFY(!ConfigParser::validate(builtin).has_value());
        const auto parsed = ConfigParser::parse(ConfigParser::toJson(builtin), u"roundtrip"_s);
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error().toString()));
        QVERIFY(parsed.value() == builtin);
        QCOMPARE(builtin.strategy.chain(), QStringList({u"flagship"_s, u"balanced"_s, u"economy"_s}));
    }

    void minimal_getsDefaults()
    {
        const auto parsed = ConfigParser::parse(minimal(), u"min.json"_s);
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error().toString()));
        const ChainConfig &c = parsed.value();
        QCOMPARE(c.strategy.primary, u"main"_s);
        QCOMPARE(c.strategy.retry.retryOnStatus, QList<int>({429, 500, 502, 503, 504, 529}));
        QCOMPARE(c.providers.first().auth, AuthMode::Keychain);
        QCOMPARE(c.providers.first().keyName(), u"openai"_s);
        QCOMPARE(c.strategy.contentPolicy, ContentPolicyAction::NoFallback);
    }

    // Connection limits per provider and history retention: read, written back, refused out of range.
    void connectionsAndHistory_roundTrip()
    {
        const auto parsed = ConfigParser::parse(
            minimal(", \"max_connections\": 8, \"max_queued\": 16, \"queue_timeout_ms\": 250", {},
                    ",\n  \"history\": { \"raw_days\": 3, \"minute_days\": 14, \"hour_days\": 90 }"),
            u"c.json"_s);
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error().toString()));
        const ChainConfig &c = parsed.value();
        QCOMPARE(c.providers.first().connections.maxConnections, 8);
        QCOMPARE(c.providers.first().connections.maxQueued, 16);
        QCOMPARE(c.providers.first().connections.queueTimeoutMs, 250);
        QCOMPARE(c.history.rawDays, 3);
        QCOMPARE(c.history.minuteDays, 14);
        QCOMPARE(c.history.hourDays, 90);
        const auto again = ConfigParser::parse(ConfigParser::toJson(c), u"again.json"_s);
        QVERIFY(again.ok() && again.value() == c);
        const auto defaults = ConfigParser::parse(minimal(), u"d.json"_s);
        QCOMPARE(defaults.value().providers.first().connections, ConnectionLimits{});
        QCOMPARE(defaults.value().history, HistoryConfig{});
        QVERIFY(!ConfigParser::toJson(defaults.value()).contains("history"));
        QVERIFY(!ConfigParser::parse(minimal(", \"max_connections\": 0"), u"x.json"_s).ok());
        QVERIFY(
            !ConfigParser::parse(minimal({}, {}, ",\n  \"history\": { \"raw_days\": 0 }"), u"x.json"_s).ok());
        QVERIFY(!ConfigParser::parse(minimal({}, {}, ",\n  \"history\": { \"rows\": 5 }"), u"x.json"_s).ok());
    }

    void fixtures_parse()
    {
        const QString dir = QStringLiteral(UNDERSTUDY_TEST_FIXTURES "/");
        QVERIFY(ConfigParser::loadFile(dir + u"fast-simulated.json"_s).ok());
        QVERIFY(ConfigParser::loadFile(dir + u"primary-down.json"_s).ok());
        const auto broken = ConfigParser::loadFile(dir + u"broken.json"_s);
        QVERIFY(!broken.ok());
        QCOMPARE(broken.error().key, u"tiers[0].provider"_s);
        QCOMPARE(broken.error().line, 7);
    }

    // The examples in the README and docs/config.md are configs that load.
    void documentedExamples_validate_data()
    {
        QTest::addColumn<QByteArray>("json");
        for (const QString &doc : {u"README.md"_s, u"docs/config.md"_s}) {
            QFile f(QStringLiteral(UNDERSTUDY_SOURCE_DIR "/") + doc);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(f.readAll());
            qsizetype from = 0;
            int n = 0;
            while ((from = text.indexOf(u"```json\n"_s, from)) >= 0) {
                const qsizetype end = text.indexOf(u"```"_s, from + 8);
                const QByteArray json = text.mid(from + 8, end - from - 8).toUtf8();
                from = end + 3;
                if (json.contains("\"providers\"") && json.contains("\"tiers\""))
                    QTest::addRow("%s #%d", qPrintable(doc), ++n) << json;
            }
            QVERIFY2(n > 0, qPrintable(doc));
        }
    }
    void documentedExamples_validate()
    {
        QFETCH(QByteArray, json);
        const auto parsed = ConfigParser::parse(json, u"example"_s);
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error().toString()));
    }

    void syntaxError_namesLineAndColumn()
    {
        const auto parsed =
            ConfigParser::parse("{\n  \"providers\": [\n    { \"id\": \"x\" \n  ]\n}\n", u"bad.json"_s);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().file, u"bad.json"_s);
        QCOMPARE(parsed.error().line, 4);
        QVERIFY(parsed.error().reason.startsWith(u"not valid JSON"_s));
        QVERIFY(parsed.error().toString().startsWith(u"bad.json:4:"_s));
    }

    void invalid_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("reason");
        QTest::newRow("unknown kind") << minimal().replace("\"kind\": \"openai\"", "\"kind\": \"openia\"")
                                      << u"providers[0].kind"_s << u"must be one of"_s;
        QTest::newRow("unknown key") << minimal(", \"baseurl\": \"x\"") << u"providers[0].baseurl"_s
                                     << u"unknown key"_s;
        QTest::newRow("literal api_key")
            << minimal(", \"api_key\": \"abc\"") << u"providers[0].api_key"_s << u"literal API key"_s;
        QTest::newRow("key-shaped value")
            << minimal(", \"keychain_entry\": \"sk-proj-abcdefghijklmnopqrstuvwx\"")
            << u"providers[0].keychain_entry"_s << u"literal API key"_s;
        QTest::newRow("authorization header")
            << minimal(", \"headers\": { \"Authorization\": \"Bearer x\" }")
            << u"providers[0].headers.Authorization"_s << u"literal API key"_s;
        QTest::newRow("plain http to a remote host")
            << minimal().replace("https://api.openai.com", "http://api.openai.com")
            << u"providers[0].base_url"_s << u"plain http"_s;
        QTest::newRow("key in url") << minimal().replace("/v1\"", "/v1?key=abc\"")
                                    << u"providers[0].base_url"_s << u"query string"_s;
        QTest::newRow("password in url")
            << minimal().replace("https://api.openai.com", "http://admin:S3cret@127.0.0.1:9000")
            << u"providers[0].base_url"_s << u"user name or password"_s;
        QTest::newRow("user in url") << minimal().replace("https://api.openai.com",
                                                          "https://me@api.openai.com")
                                     << u"providers[0].base_url"_s << u"user name or password"_s;
        QTest::newRow("env without variable")
            << minimal(", \"auth\": \"env\"") << u"providers[0].api_key_env"_s << u"required"_s;
        QTest::newRow("tier to unknown provider")
            << minimal().replace("\"provider\": \"openai\"", "\"provider\": \"x\"") << u"tiers[0].provider"_s
            << u"no provider"_s;
        QTest::newRow("negative price") << minimal({}, ", \"price\": { \"input_per_mtok\": -1 }")
                                        << u"tiers[0].price.input_per_mtok"_s << u"negative"_s;
        QTest::newRow("price precision") << minimal({}, ", \"price\": { \"input_per_mtok\": 0.1234567 }")
                                         << u"tiers[0].price.input_per_mtok"_s << u"6 decimals"_s;
        QTest::newRow("unknown primary") << minimal({}, {}, ",\n  \"strategy\": { \"primary\": \"nope\" }")
                                         << u"strategy.primary"_s << u"no tier"_s;
        QTest::newRow("bad retry status")
            << minimal({}, {}, ",\n  \"strategy\": { \"retry_config\": { \"retry_on_status\": [429, 700] } }")
            << u"strategy.retry_config.retry_on_status[1]"_s << u"HTTP status"_s;
        QTest::newRow("bad policy") << minimal({}, {},
                                               ",\n  \"strategy\": { \"stream_failover\": \"maybe\" }")
                                    << u"strategy.stream_failover"_s << u"restart, continue, fail"_s;
        QTest::newRow("newer version")
            << minimal({}, {}, ",\n  \"version\": 9") << u"version"_s << u"version 9"_s;
    }
    void invalid()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, key);
        QFETCH(QString, reason);
        const auto parsed = ConfigParser::parse(json, u"c.json"_s);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().key, key);
        QVERIFY2(parsed.error().reason.contains(reason), qPrintable(parsed.error().toString()));
        QVERIFY2(parsed.error().line > 0, qPrintable(parsed.error().toString()));
    }

    void validationError_pointsAtTheLine()
    {
        const auto parsed = ConfigParser::parse(minimal().replace("\"gpt-4o\"", "\"\""), u"c.json"_s);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().key, u"tiers[0].model"_s);
        QCOMPARE(parsed.error().line, 6);
    }

    void httpLoopback_isAllowed()
    {
        QVERIFY(
            ConfigParser::parse(minimal().replace("https://api.openai.com", "http://127.0.0.1:8080")).ok());
    }

    void manager_keepsLastGoodConfig()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"config.json"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(minimal());
        f.close();
        ConfigManager manager;
        QSignalSpy changed(&manager, &ConfigManager::configChanged);
        QSignalSpy rejected(&manager, &ConfigManager::configRejected);
        QVERIFY(manager.load(path, false).ok);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(manager.config().tiers.first().model, u"gpt-4o"_s);

        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("{ \"providers\": [ }");
        f.close();
        const ConfigManager::LoadReport report = manager.reload();
        QVERIFY(!report.ok);
        QCOMPARE(rejected.size(), 1);
        QCOMPARE(manager.config().tiers.first().model, u"gpt-4o"_s); // unchanged
        QCOMPARE(changed.size(), 1);
        // The user's broken file is left as it was, for them to fix.
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("{ \"providers\": [ }"));
    }

    void manager_writesDefaultOnFirstStart()
    {
        const QString path = AppPaths::defaultConfigFile();
        QFile::remove(path);
        ConfigManager manager;
        const ConfigManager::LoadReport report = manager.load(path, true);
        QVERIFY(report.ok);
        QVERIFY(report.createdDefault);
        QVERIFY(QFile::exists(path));
        QVERIFY(manager.config() == ChainConfig::builtinSimulated());
        QVERIFY(!manager.usingBuiltin());
        QVERIFY(!manager.load(path, true).createdDefault); // second start: reads it
        QFile::remove(path);
    }

    void apply_refusesInvalidAndWritesAtomically()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"config.json"_s);
        ConfigManager manager;
        QVERIFY(manager.load(path, true).ok);
        ChainConfig edited = manager.config();
        edited.strategy.primary = u"nope"_s;
        const auto refused = manager.apply(edited);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().key, u"strategy.primary"_s);
        QVERIFY(manager.config() == ChainConfig::builtinSimulated());
        edited.strategy.primary = u"balanced"_s;
        edited.strategy.fallbackChain = {u"flagship"_s, u"economy"_s};
        QVERIFY(manager.apply(edited).ok());
        QCOMPARE(ConfigParser::loadFile(path)->strategy.primary, u"balanced"_s);
    }
};

QTEST_GUILESS_MAIN(TestConfig)
#include "test_config.moc"
