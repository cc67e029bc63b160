// The official OpenAI SDK against the Understudy gateway: non-streaming and streaming, through a
// failover (the primary tier answers 503). Usage: node openai-sdk.mjs <base_url>
import OpenAI from 'openai';
import assert from 'node:assert/strict';

const baseURL = process.argv[2];
const client = new OpenAI({ baseURL, apiKey: process.env.UNDERSTUDY_GATEWAY_TOKEN ?? 'unused', maxRetries: 0 });

const { data: whole, response: wholeResponse } = await client.chat.completions
  .create({
    model: 'gpt-4o',
    messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hello' }],
    metadata: { priority: 'high' },
  })
  .withResponse();
// How the answer was made reaches the SDK's caller: the "understudy" field and the headers, one id.
assert.equal(whole.understudy?.source, 'model');
assert.equal(whole.understudy?.level, wholeResponse.headers.get('x-understudy-level'));
assert.notEqual(whole.understudy?.level, 'minimal', 'a high-priority request is never cut to its last turn');
assert.equal(wholeResponse.headers.get('x-understudy-source'), 'model');
assert.equal(whole.id, `chatcmpl-${wholeResponse.headers.get('x-understudy-request-id')}`);
assert.equal(whole.understudy?.request_id, wholeResponse.headers.get('x-understudy-request-id'));
assert.equal(whole.object, 'chat.completion');
assert.equal(whole.model, 'up-model', 'the model that actually answered');
assert.match(whole.choices[0].message.content, /simulated model built into Understudy/);
assert.equal(whole.choices[0].finish_reason, 'stop');
assert.ok(whole.usage.completion_tokens > 0);

const stream = await client.chat.completions.create({
  model: 'gpt-4o',
  messages: [{ role: 'user', content: 'hello' }],
  stream: true,
  stream_options: { include_usage: true },
});
let text = '';
let finish = null;
let usage = null;
let chunks = 0;
let streamLabel = null;
for await (const chunk of stream) {
  chunks++;
  if (chunk.understudy && !streamLabel) streamLabel = chunk.understudy;
  if (chunk.usage) usage = chunk.usage;
  const choice = chunk.choices[0];
  if (!choice) continue;
  text += choice.delta?.content ?? '';
  if (choice.finish_reason) finish = choice.finish_reason;
}
assert.ok(chunks > 3, 'the answer streamed in several chunks');
assert.match(text, /simulated model built into Understudy/);
assert.equal(finish, 'stop');
assert.ok(usage && usage.completion_tokens > 0, 'the usage chunk arrived');
assert.equal(streamLabel?.source, 'model', 'the first chunk says how the answer is made');

const models = await client.models.list();
assert.ok(models.data.some((m) => m.id === 'up-model'));

// A failure before the first byte is an APIError with the right status, not a success.
await assert.rejects(
  client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'tool', content: 'x' }] }),
  (e) => e instanceof OpenAI.BadRequestError && e.status === 400,
);
console.log(`openai SDK: non-streaming, streaming (${chunks} chunks), models and errors OK`);
