// What the bundled bot takes from @slack/bolt: scripts/bundle.ts resolves the bot's `@slack/bolt`
// imports to this module. Bolt's index also loads its Express and AWS Lambda receivers (express,
// body-parser, mime-db…), which the bot never uses and which cost start time (README, "Performance").
// The same objects as the index's, from Bolt's own modules; test/scripts/bolt-slim.test.ts checks that
// every value the bot's sources import from @slack/bolt is here and is the index's.

exports.App = require('@slack/bolt/dist/App').default;
exports.LogLevel = require('@slack/bolt/dist/App').LogLevel;
exports.HTTPReceiver = require('@slack/bolt/dist/receivers/HTTPReceiver').default;
exports.SocketModeReceiver = require('@slack/bolt/dist/receivers/SocketModeReceiver').default;
exports.HTTPModuleFunctions = require('@slack/bolt/dist/receivers/HTTPModuleFunctions');
