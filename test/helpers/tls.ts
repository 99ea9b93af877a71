/**
 * A test certificate authority and a server certificate for fal's own host
 * names, made with the machine's openssl into a temporary folder, once per
 * process. The emulator presents the certificate on its TLS listener; a
 * process that should trust it gets the CA through NODE_EXTRA_CA_CERTS, the
 * way an n8n behind a corporate TLS-inspecting proxy trusts that proxy's CA.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificates {
	/** The CA certificate, as a file for NODE_EXTRA_CA_CERTS and as PEM. */
	caPath: string;
	ca: string;
	/** The server's key and certificate (queue.fal.run, rest.fal.ai, fal.run, api.fal.ai, fal.ai). */
	key: string;
	cert: string;
}

export const FAL_TLS_NAMES = ['queue.fal.run', 'rest.fal.ai', 'fal.run', 'api.fal.ai', 'fal.ai'];

let made: { dir: string; certificates: TestCertificates } | undefined;

function openssl(dir: string, args: string[]): void {
	execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

export function testCertificates(): TestCertificates {
	if (made) return made.certificates;
	const dir = mkdtempSync(join(tmpdir(), 'fal-tls-'));
	const curve = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
	openssl(dir, [
		'req',
		'-x509',
		...curve,
		'-keyout',
		'ca.key',
		'-out',
		'ca.pem',
		'-days',
		'2',
		'-subj',
		'/CN=n8n-nodes-fal-ai test CA',
		'-addext',
		'basicConstraints=critical,CA:TRUE',
		'-addext',
		'keyUsage=critical,keyCertSign,cRLSign',
	]);
	openssl(dir, [
		'req',
		...curve,
		'-keyout',
		'server.key',
		'-out',
		'server.csr',
		'-subj',
		`/CN=${FAL_TLS_NAMES[0]}`,
	]);
	writeFileSync(
		join(dir, 'server.ext'),
		[
			`subjectAltName=${FAL_TLS_NAMES.map((name) => `DNS:${name}`).join(',')}`,
			'basicConstraints=CA:FALSE',
			'keyUsage=digitalSignature',
			'extendedKeyUsage=serverAuth',
		].join('\n'),
	);
	openssl(dir, [
		'x509',
		'-req',
		'-in',
		'server.csr',
		'-CA',
		'ca.pem',
		'-CAkey',
		'ca.key',
		'-CAcreateserial',
		'-out',
		'server.pem',
		'-days',
		'2',
		'-extfile',
		'server.ext',
	]);
	const certificates: TestCertificates = {
		caPath: join(dir, 'ca.pem'),
		ca: readFileSync(join(dir, 'ca.pem'), 'utf8'),
		key: readFileSync(join(dir, 'server.key'), 'utf8'),
		cert: readFileSync(join(dir, 'server.pem'), 'utf8'),
	};
	made = { dir, certificates };
	process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
	return certificates;
}
